/* Startup and board support for the qemucm platform.
 *
 * - vector table, reset handler (.data copy, .bss clear, FPU/MVE enable),
 *   semihosting set-up and exit(main());
 * - a fault handler that prints the exception and the faulting PC and makes
 *   QEMU exit with QEMUCM_FAULT_EXIT_CODE;
 * - the instruction counter: SysTick runs from the core clock, QEMU runs with
 *   -icount, so elapsed ticks convert exactly into executed instructions.
 *   A SysTick interrupt every 2^24 ticks extends the count to 64 bits.
 */
#include <stdint.h>
#include <stdlib.h>

#include "qemucm.h"

#ifndef F_CPU
#error "qemucm: F_CPU (the board's build.f_cpu) must be defined"
#endif

extern uint32_t _sidata[], _sdata[], _edata[], __bss_start__[], __bss_end__[];
extern uint32_t _estack[];
extern int main(void);
extern void __libc_init_array(void);
extern void initialise_monitor_handles(void);

void Reset_Handler(void);
void SysTick_Handler(void);
void qemucm_fault_entry(void);
void qemucm_fault_report(const uint32_t *frame, uint32_t exc_return);

/* ------------------------------------------------------------------ */
/* Registers                                                           */

#define QEMUCM_REG(addr) (*(volatile uint32_t *)(addr))
#define SYST_CSR QEMUCM_REG(0xE000E010u)
#define SYST_RVR QEMUCM_REG(0xE000E014u)
#define SYST_CVR QEMUCM_REG(0xE000E018u)
#define SCB_ICSR QEMUCM_REG(0xE000ED04u)
#define SCB_SHPR3 QEMUCM_REG(0xE000ED20u)
#define SCB_CFSR QEMUCM_REG(0xE000ED28u)
#define SCB_HFSR QEMUCM_REG(0xE000ED2Cu)
#define SCB_MMFAR QEMUCM_REG(0xE000ED34u)
#define SCB_BFAR QEMUCM_REG(0xE000ED38u)
#define SCB_CPACR QEMUCM_REG(0xE000ED88u)

#define ICSR_PENDSTSET (1u << 26)
#define SYST_PERIOD (1u << 24) /* ticks between two wraps (RVR = 2^24 - 1) */
/* Instructions executed by SysTick_Handler below, removed from the count. */
#define SYST_HANDLER_INSNS 5u

/* ------------------------------------------------------------------ */
/* Vector table: 16 system exceptions and 32 interrupts. Everything but   */
/* reset and SysTick reports a fault unless the program defines it.     */

#define QEMUCM_WEAK_HANDLER(name) \
    void name(void) __attribute__((weak, alias("qemucm_fault_entry")))
QEMUCM_WEAK_HANDLER(NMI_Handler);
QEMUCM_WEAK_HANDLER(HardFault_Handler);
QEMUCM_WEAK_HANDLER(MemManage_Handler);
QEMUCM_WEAK_HANDLER(BusFault_Handler);
QEMUCM_WEAK_HANDLER(UsageFault_Handler);
QEMUCM_WEAK_HANDLER(SecureFault_Handler);
QEMUCM_WEAK_HANDLER(SVC_Handler);
QEMUCM_WEAK_HANDLER(DebugMon_Handler);
QEMUCM_WEAK_HANDLER(PendSV_Handler);
QEMUCM_WEAK_HANDLER(IRQ_Handler);

typedef void (*qemucm_vector)(void);

__attribute__((section(".isr_vector"), used)) const qemucm_vector qemucm_vectors[16 + 32] = {
    (qemucm_vector)(uintptr_t)_estack,
    Reset_Handler,
    NMI_Handler,
    HardFault_Handler,
    MemManage_Handler,
    BusFault_Handler,
    UsageFault_Handler,
    SecureFault_Handler,
    0,
    0,
    0,
    SVC_Handler,
    DebugMon_Handler,
    0,
    PendSV_Handler,
    SysTick_Handler,
#define QEMUCM_IRQ8 IRQ_Handler, IRQ_Handler, IRQ_Handler, IRQ_Handler, \
                    IRQ_Handler, IRQ_Handler, IRQ_Handler, IRQ_Handler
    QEMUCM_IRQ8, QEMUCM_IRQ8, QEMUCM_IRQ8, QEMUCM_IRQ8,
#undef QEMUCM_IRQ8
};

/* ------------------------------------------------------------------ */
/* Semihosting                                                          */

#define SEMIHOST_SYS_WRITE0 0x04u
#define SEMIHOST_SYS_EXIT_EXTENDED 0x20u
#define ADP_STOPPED_APPLICATION_EXIT 0x20026u

static uint32_t qemucm_semihost(uint32_t op, const void *arg)
{
    register uint32_t r0 __asm__("r0") = op;
    register const void *r1 __asm__("r1") = arg;
    __asm__ volatile("bkpt 0xAB" : "+r"(r0) : "r"(r1) : "memory");
    return r0;
}

static void qemucm_puts(const char *s)
{
    qemucm_semihost(SEMIHOST_SYS_WRITE0, s);
}

static void qemucm_put_hex(const char *label, uint32_t value)
{
    char buf[11];
    int i;
    buf[0] = '0';
    buf[1] = 'x';
    for (i = 0; i < 8; i++) {
        buf[2 + i] = "0123456789ABCDEF"[(value >> (28 - 4 * i)) & 0xFu];
    }
    buf[10] = '\0';
    qemucm_puts(label);
    qemucm_puts(buf);
}

static void qemucm_exit_now(uint32_t code)
{
    const uint32_t block[2] = {ADP_STOPPED_APPLICATION_EXIT, code};
    qemucm_semihost(SEMIHOST_SYS_EXIT_EXTENDED, block);
    for (;;) {
    }
}

/* ------------------------------------------------------------------ */
/* Faults                                                               */

__attribute__((naked)) void qemucm_fault_entry(void)
{
    /* Pass the stacked frame (r0-r3, r12, lr, pc, xpsr) and EXC_RETURN. */
    __asm__ volatile(
        "tst lr, #4\n"
        "ite eq\n"
        "mrseq r0, msp\n"
        "mrsne r0, psp\n"
        "mov r1, lr\n"
        "b qemucm_fault_report\n");
}

void qemucm_fault_report(const uint32_t *frame, uint32_t exc_return)
{
    static const char *const names[16] = {
        "?",     "Reset", "NMI", "HardFault",   "MemManage", "BusFault", "UsageFault", "SecureFault",
        "?",     "?",     "?",   "SVC",         "DebugMon",  "?",        "PendSV",     "SysTick"};
    uint32_t ipsr;
    __asm__ volatile("mrs %0, ipsr" : "=r"(ipsr));
    ipsr &= 0x1FFu;
    (void)exc_return;

    qemucm_puts("\nqemucm: unexpected exception ");
    qemucm_puts(ipsr < 16 ? names[ipsr] : "IRQ");
    qemucm_put_hex(", ipsr=", ipsr);
    qemucm_put_hex("\n  pc=", frame[6]);
    qemucm_put_hex(" lr=", frame[5]);
    qemucm_put_hex(" sp=", (uint32_t)(uintptr_t)frame);
    qemucm_put_hex("\n  cfsr=", SCB_CFSR);
    qemucm_put_hex(" hfsr=", SCB_HFSR);
    qemucm_put_hex(" mmfar=", SCB_MMFAR);
    qemucm_put_hex(" bfar=", SCB_BFAR);
    qemucm_puts("\n  find the faulting code with: arm-none-eabi-addr2line -e firmware.elf <pc>\n");
    qemucm_exit_now(QEMUCM_FAULT_EXIT_CODE);
}

/* ------------------------------------------------------------------ */
/* Instruction counter                                                  */

static volatile uint32_t qemucm_systick_wraps;
/* instructions = ticks * ratio_num / ratio_den, reduced once at start-up. On
 * every qemucm board ratio_den is a power of two (ratio_shift >= 0), so the
 * conversion is a multiply and a shift: it costs the same at every call. */
static uint64_t qemucm_ratio_num;
static uint64_t qemucm_ratio_den;
static int qemucm_ratio_shift;

/* Exactly SYST_HANDLER_INSNS instructions, whatever the optimisation level. */
__attribute__((naked)) void SysTick_Handler(void)
{
    __asm__ volatile(
        "ldr r0, =qemucm_systick_wraps\n"
        "ldr r1, [r0]\n"
        "adds r1, r1, #1\n"
        "str r1, [r0]\n"
        "bx lr\n"
        ".ltorg\n");
}

static uint64_t qemucm_gcd(uint64_t a, uint64_t b)
{
    while (b != 0) {
        uint64_t t = a % b;
        a = b;
        b = t;
    }
    return a;
}

static void qemucm_counter_start(void)
{
    /* Virtual time per instruction is 2^shift ns; SysTick ticks at F_CPU. */
    uint64_t num = 1000000000u;
    uint64_t den = (uint64_t)(F_CPU) << QEMUCM_ICOUNT_SHIFT;
    uint64_t g = qemucm_gcd(num, den);
    qemucm_ratio_num = num / g;
    qemucm_ratio_den = den / g;
    qemucm_ratio_shift = -1;
    if ((qemucm_ratio_den & (qemucm_ratio_den - 1u)) == 0u) {
        for (qemucm_ratio_shift = 0; (1ull << qemucm_ratio_shift) != qemucm_ratio_den;) {
            qemucm_ratio_shift++;
        }
    }

    SCB_SHPR3 &= 0x00FFFFFFu; /* SysTick at the highest priority */
    SYST_RVR = SYST_PERIOD - 1u;
    SYST_CVR = 0u;
    SYST_CSR = 0x7u; /* core clock, interrupt, enable */
}

/* Branch-free after the timer read, so that the difference of two calls is
 * the code in between plus a constant. */
uint64_t qemucm_instructions(void)
{
    uint32_t primask, wraps, value, pending;
    uint64_t ticks, scaled;

    __asm__ volatile("mrs %0, primask\n cpsid i" : "=r"(primask)::"memory");
    wraps = qemucm_systick_wraps;
    value = SYST_CVR;
    pending = (SCB_ICSR & ICSR_PENDSTSET) != 0u;
    __asm__ volatile("msr primask, %0" ::"r"(primask) : "memory");

    /* With interrupts masked a wrap leaves SysTick pending. It belongs to this
     * read unless it came between the timer read and the pending check, a few
     * instructions (< 1024 ticks) apart: then the value read was still near 0.
     * (value >= 1024) is computed without a branch. */
    ticks = (uint64_t)(wraps + (pending & ((value + SYST_PERIOD - 1024u) >> 24))) * SYST_PERIOD +
            (SYST_PERIOD - 1u - value);
    scaled = ticks * qemucm_ratio_num + (qemucm_ratio_den >> 1);
    scaled = qemucm_ratio_shift >= 0 ? scaled >> qemucm_ratio_shift : scaled / qemucm_ratio_den;
    return scaled - (uint64_t)wraps * SYST_HANDLER_INSNS;
}

/* ------------------------------------------------------------------ */
/* Reset                                                                */

/* -nostartfiles drops crti/crtn; __libc_init_array still calls these. */
void _init(void);
void _fini(void);
void _init(void) {}
void _fini(void) {}

void Reset_Handler(void)
{
    uint32_t *src, *dst;

#if defined(__ARM_FP) || defined(__ARM_FEATURE_MVE)
    /* Full access to CP10/CP11 (FPU and Helium) before any FP instruction. */
    SCB_CPACR |= 0xFu << 20;
    __asm__ volatile("dsb\n isb" ::: "memory");
#endif
    for (src = _sidata, dst = _sdata; dst < _edata;) {
        *dst++ = *src++;
    }
    for (dst = __bss_start__; dst < __bss_end__;) {
        *dst++ = 0u;
    }

    qemucm_counter_start();
    initialise_monitor_handles();
    __libc_init_array();
    exit(main());
}

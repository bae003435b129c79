/* qemucm.h - board support of the qemucm PlatformIO platform (emulated
 * Cortex-M boards under qemu-system-arm).
 *
 * Output: printf() goes to the host through Arm semihosting.
 * Exit:   the value returned by main() (or passed to exit()) becomes QEMU's
 *         exit code. A fault prints its cause and exits with
 *         QEMUCM_FAULT_EXIT_CODE.
 * Time:   qemucm_instructions() counts executed instructions. QEMU runs with
 *         -icount shift=QEMUCM_ICOUNT_SHIFT, so one instruction takes
 *         2^shift ns of virtual time, and the count is derived from SysTick.
 *         With the default shift (10) the count is exact and identical from
 *         run to run. The counter owns SysTick; do not reprogram it.
 */
#ifndef QEMUCM_H
#define QEMUCM_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#ifndef QEMUCM_ICOUNT_SHIFT
#define QEMUCM_ICOUNT_SHIFT 10
#endif

/* QEMU's exit code after a HardFault or another unexpected exception. */
#define QEMUCM_FAULT_EXIT_CODE 101

/* Instructions executed since the counter started (just before the C
 * library's constructors run). The instructions of the counter's own SysTick
 * handler are not counted. 64 bits: it does not wrap in practice. */
uint64_t qemucm_instructions(void);

#ifdef __cplusplus
}
#endif

#endif /* QEMUCM_H */

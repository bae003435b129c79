/*
 * nnom_port.h - the one file to adapt NNoM to a platform.
 *
 * Every macro can be overridden with a -D build flag or by editing the
 * defaults below.
 */
#ifndef NNOM_PORT_H
#define NNOM_PORT_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Allocate every model structure and the arena from one user buffer
 * (nnom_set_static_buf) instead of the heap. */
#ifndef NNOM_USING_STATIC_MEMORY
/* #define NNOM_USING_STATIC_MEMORY */
#endif

/* Heap hooks (used only without NNOM_USING_STATIC_MEMORY). */
#ifndef nnom_malloc
#define nnom_malloc(n) malloc(n)
#endif
#ifndef nnom_free
#define nnom_free(p) free(p)
#endif
#ifndef nnom_memset
#define nnom_memset(p, v, n) memset((p), (v), (n))
#endif
#ifndef nnom_memcpy
#define nnom_memcpy(dst, src, n) memcpy((dst), (src), (n))
#endif
#ifndef nnom_memmove
#define nnom_memmove(dst, src, n) memmove((dst), (src), (n))
#endif

/* Logging. Build with -DNNOM_SILENT to silence NNoM entirely (the model
 * table, model_stat, messages), or define NNOM_LOG(...) as your printer. */
#if !defined(NNOM_LOG) && defined(NNOM_SILENT)
/* evaluates nothing at run time, but keeps the arguments "used" */
static inline void nnom_log_discard(const char *fmt, ...) { (void)fmt; }
#define NNOM_LOG(...) nnom_log_discard(__VA_ARGS__)
#endif
#ifndef NNOM_LOG
#define NNOM_LOG(...) printf(__VA_ARGS__)
#endif
/* -DNNOM_NO_MODEL_TABLE: model_compile() prints no model table (about 850
 * bytes of code and strings less; messages stay). Implied by NNOM_SILENT. */
#if defined(NNOM_SILENT) && !defined(NNOM_NO_MODEL_TABLE)
#define NNOM_NO_MODEL_TABLE
#endif

/* Time stamps for model_stat() and prediction_*(). Return 0 when the
 * platform has no timer; statistics then show zero times. */
#if !defined(nnom_us_get) && defined(NNOM_QEMUCM)
/* Emulated boards: a deterministic clock that counts executed
 * instructions (one "us" = one instruction). */
#include "qemucm.h"
#define nnom_us_get() ((uint32_t)qemucm_instructions())
#define nnom_ms_get() ((uint32_t)(qemucm_instructions() / 1000u))
#define NNOM_TIME_UNIT "instr"
#endif
#if !defined(nnom_us_get) && (defined(__unix__) || defined(__APPLE__) || defined(_WIN32))
/* Hosted builds (pio test -e native): the C library's processor clock. */
#include <time.h>
#define nnom_us_get() ((uint32_t)((uint64_t)clock() * 1000000u / CLOCKS_PER_SEC))
#define nnom_ms_get() ((uint32_t)((uint64_t)clock() * 1000u / CLOCKS_PER_SEC))
#endif
#ifndef nnom_us_get
#define nnom_us_get() ((uint32_t)0)
#endif
#ifndef nnom_ms_get
#define nnom_ms_get() ((uint32_t)0)
#endif
#ifndef NNOM_TIME_UNIT
#define NNOM_TIME_UNIT "us"
#endif

/* Kernel backend: NNOM_BACKEND_LOCAL (portable C) or NNOM_BACKEND_CMSIS_NN.
 * The PlatformIO build script sets it from the board; default local. */
#if !defined(NNOM_BACKEND_LOCAL) && !defined(NNOM_BACKEND_CMSIS_NN)
#define NNOM_BACKEND_LOCAL
#endif

/* Feature-map layout in the arena: HWC (default) or, with NNOM_USING_CHW,
 * channel first: (h, w, c) as C,H,W and (steps, c) as C,W (a vector is the
 * same either way). nnom_input_data and nnom_output_data keep Keras' order
 * in both: where the orders differ they point to Keras-order buffers outside
 * the arena that Input and Output transpose, and results are
 * byte for byte those of the HWC build. CHW builds run the local kernels
 * only (CMSIS-NN is HWC: NNOM_BACKEND_CMSIS_NN then links no CMSIS-NN).
 * See docs/architecture.md, "CHW builds". */
#ifndef NNOM_USING_CHW
/* #define NNOM_USING_CHW */
#endif

/* Maximum number of model outputs accepted by model_compile_multi(). */
#ifndef NNOM_MAX_OUTPUTS
#define NNOM_MAX_OUTPUTS 8
#endif

#endif /* NNOM_PORT_H */

/* nnom_mem.c - allocation of model structures and the arena. */
#include "nnom.h"
#include "nnom_internal.h"

static size_t mem_used;

/* Largest block asked of nnom_mem(): rounding it up and adding the heap
 * header can then not wrap size_t, on 32-bit cores too (limits.py). */
#define NNOM_MEM_MAX ((size_t)0x7FFFFFFFu)
#define NNOM_STATIC_ALIGN 8u

#ifdef NNOM_USING_STATIC_MEMORY
static uint8_t *static_buf;
static size_t static_size;
static size_t static_next;

nnom_status_t nnom_set_static_buf(void *buf, size_t size)
{
    if (buf == NULL)
        return NN_ARGUMENT_ERROR;
    /* Start on an 8-byte boundary (pointers and doubles of 64-bit hosts);
     * the unaligned head is not used. */
    size_t skip = (NNOM_STATIC_ALIGN - ((uintptr_t)buf % NNOM_STATIC_ALIGN)) % NNOM_STATIC_ALIGN;
    if (size < skip)
        return NN_LENGTH_ERROR;
    static_buf = (uint8_t *)buf + skip;
    static_size = size - skip;
    static_next = 0;
    mem_used = 0;
    return NN_SUCCESS;
}

void *nnom_mem(size_t size)
{
    size_t padded = (size + NNOM_ALIGN - 1) / NNOM_ALIGN * NNOM_ALIGN;
    if (static_buf == NULL || size > NNOM_MEM_MAX || padded > static_size - static_next) {
        NNOM_LOG("nnom: static buffer too small: %u more bytes, %u of %u left\n", (unsigned)padded,
                 (unsigned)(static_size - static_next), (unsigned)static_size);
        return NULL;
    }
    void *p = static_buf + static_next;
    static_next += padded;
    mem_used += padded;
    nnom_memset(p, 0, padded);
    return p;
}

static void mem_release(void *p) { (void)p; /* the next nnom_set_static_buf() reclaims */ }

void *nnom_mem_temp(size_t size)
{
    /* the top of the free space (static_buf and static_next are aligned) */
    const size_t free_bytes = (static_size - static_next) / NNOM_ALIGN * NNOM_ALIGN;
    const size_t padded = (size + NNOM_ALIGN - 1) / NNOM_ALIGN * NNOM_ALIGN;
    if (static_buf == NULL || size > NNOM_MEM_MAX || padded > free_bytes) {
        NNOM_LOG("nnom: static buffer too small: model_compile needs %u bytes\n", (unsigned)padded);
        return NULL;
    }
    return static_buf + static_next + free_bytes - padded;
}

void nnom_mem_temp_free(void *p) { (void)p; }

int8_t *nnom_mem_next(void) { return static_buf == NULL ? NULL : (int8_t *)(static_buf + static_next); }

#else

nnom_status_t nnom_set_static_buf(void *buf, size_t size)
{
    (void)buf;
    (void)size;
    NNOM_LOG("nnom: nnom_set_static_buf() needs NNOM_USING_STATIC_MEMORY\n");
    return NN_UNSUPPORTED;
}

/* Heap blocks are over-allocated so the returned pointer is aligned; the
 * original pointer is kept just before it for nnom_free. */
void *nnom_mem(size_t size)
{
    size_t padded = (size + NNOM_ALIGN - 1) / NNOM_ALIGN * NNOM_ALIGN;
    size_t head = sizeof(void *) > NNOM_ALIGN ? sizeof(void *) : NNOM_ALIGN;
    uint8_t *raw = size > NNOM_MEM_MAX ? NULL : (uint8_t *)nnom_malloc(padded + head + NNOM_ALIGN);
    if (raw == NULL) {
        NNOM_LOG("nnom: no memory for %u bytes\n", (unsigned)size);
        return NULL;
    }
    uintptr_t start = ((uintptr_t)raw + head + NNOM_ALIGN - 1) / NNOM_ALIGN * NNOM_ALIGN;
    uint8_t *p = (uint8_t *)start;
    nnom_memcpy(p - sizeof(void *), &raw, sizeof(void *));
    nnom_memset(p, 0, padded);
    mem_used += padded;
    return p;
}

static void mem_release(void *p)
{
    if (p == NULL)
        return;
    void *raw;
    nnom_memcpy(&raw, (uint8_t *)p - sizeof(void *), sizeof(void *));
    nnom_free(raw);
}

void *nnom_mem_temp(size_t size)
{
    void *p = size > NNOM_MEM_MAX ? NULL : nnom_malloc(size > 0 ? size : 1u);
    if (p == NULL) {
        NNOM_LOG("nnom: no memory for %u bytes\n", (unsigned)size);
    }
    return p;
}

void nnom_mem_temp_free(void *p) { nnom_free(p); }

#endif

size_t nnom_mem_used(void) { return mem_used; }

/* Owned blocks carry one pointer before them: the next block of the layer. */
#define OWNED_HEAD NNOM_ALIGN_UP(sizeof(void *))

void *nnom_mem_owned(size_t size)
{
    uint8_t *p = (uint8_t *)nnom_mem(size + OWNED_HEAD);
    return p == NULL ? NULL : p + OWNED_HEAD;
}

void nnom_layer_own(nnom_layer_t *layer, void *block)
{
    if (layer == NULL || block == NULL)
        return;
    uint8_t *head = (uint8_t *)block - OWNED_HEAD;
    nnom_memcpy(head, &layer->owned, sizeof(void *));
    layer->owned = head;
}

void nnom_mem_owned_release(void *block)
{
    if (block != NULL)
        mem_release((uint8_t *)block - OWNED_HEAD);
}

nnom_layer_t *nnom_layer_adopt(nnom_layer_t *layer, void *block)
{
    if (layer == NULL)
        nnom_mem_owned_release(block);
    else
        nnom_layer_own(layer, block);
    return layer;
}

void nnom_layer_release_owned(nnom_layer_t *layer)
{
    void *head = layer->owned;
    while (head != NULL) {
        void *next;
        nnom_memcpy(&next, head, sizeof(void *));
        mem_release(head);
        head = next;
    }
    layer->owned = NULL;
}

void nnom_mem_release(void *p) { mem_release(p); }

/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * png_init_io: libpng's default I/O would fread/fwrite a guest FILE on the host.
 * The stream stays on the guest: the png_struct gets guest read (or write and
 * flush) functions doing what libpng's defaults do, through png_set_read_fn or
 * png_set_write_fn, whichever the struct is for (the host noted its write structs).
 *
 * libpng's buffers are host memory, which QEMU refuses to a guest read(2) or
 * write(2) (EFAULT): the data goes through a guest buffer.
 */
#define DLCALL_PNG_IO_CHUNK 65536

static void dlcall_png_stdio_read(png_structp png_ptr, png_bytep data, size_t length)
{
    FILE *fp = png_get_io_ptr(png_ptr);
    unsigned char buf[DLCALL_PNG_IO_CHUNK];

    while (length > 0) {
        size_t n = length < sizeof(buf) ? length : sizeof(buf);

        if (fread(buf, 1, n, fp) != n) {
            png_error(png_ptr, "Read Error");
        }
        memcpy(data, buf, n);
        data += n;
        length -= n;
    }
}

static void dlcall_png_stdio_write(png_structp png_ptr, png_bytep data, size_t length)
{
    FILE *fp = png_get_io_ptr(png_ptr);
    unsigned char buf[DLCALL_PNG_IO_CHUNK];

    while (length > 0) {
        size_t n = length < sizeof(buf) ? length : sizeof(buf);

        memcpy(buf, data, n);
        if (fwrite(buf, 1, n, fp) != n) {
            png_error(png_ptr, "Write Error");
        }
        data += n;
        length -= n;
    }
}

static void dlcall_png_stdio_flush(png_structp png_ptr)
{
    FILE *io_ptr = png_get_io_ptr(png_ptr);

    if (io_ptr != NULL) {
        fflush(io_ptr);
    }
}

void png_init_io(png_structrp png_ptr, png_FILE_p fp)
{
    if (png_ptr == NULL) {
        return;
    }
    if (dlcall_png_is_writer(png_ptr)) { /* spec trackedObjects, guestCalls */
        png_set_write_fn(png_ptr, fp, dlcall_png_stdio_write, dlcall_png_stdio_flush);
    } else {
        png_set_read_fn(png_ptr, fp, dlcall_png_stdio_read);
    }
}

// SPDX-License-Identifier: GPL-2.0-or-later
/* Guest I/O on memory libpng allocated: fread into png_malloc'd memory, fwrite of png_read_png's rows. */
#include <png.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png_create_info_struct(png);
    FILE *f = fopen(argv[1], "rb");
    png_bytep buf = png_malloc(png, 4096);
    size_t n = fread(buf, 1, 4096, f);

    printf("fread into png_malloc: %zu bytes, first %02x %02x\n", n, buf[1], buf[2]);
    png_free(png, buf);
    rewind(f);
    png_init_io(png, f);
    png_read_png(png, info, PNG_TRANSFORM_IDENTITY, NULL);
    png_bytepp rows = png_get_rows(png, info);
    size_t w = fwrite(rows[0], 1, png_get_rowbytes(png, info), stdout);
    fflush(stdout);
    fprintf(stderr, "\nfwrite of row 0: %zu of %zu bytes\n", w, (size_t)png_get_rowbytes(png, info));
    png_destroy_read_struct(&png, &info, NULL);
    fclose(f);
    return 0;
}

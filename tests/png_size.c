/* png_size.c - decodes PNG files with cairo and prints "WIDTHxHEIGHT" for
 * each, for the report CLI tests: a chart file must be a whole, readable
 * PNG of the size the layout asked for. Exit 1 when a file does not
 * decode. */
#include <cairo.h>
#include <stdio.h>

int main(int argc, char **argv)
{
    int rc = 0;
    for (int i = 1; i < argc; i++) {
        cairo_surface_t *s = cairo_image_surface_create_from_png(argv[i]);
        if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
            fprintf(stderr, "%s: %s\n", argv[i], cairo_status_to_string(cairo_surface_status(s)));
            rc = 1;
        } else {
            /* Touch every pixel row: a truncated file fails above. */
            cairo_surface_flush(s);
            printf("%dx%d\n", cairo_image_surface_get_width(s), cairo_image_surface_get_height(s));
        }
        cairo_surface_destroy(s);
    }
    return rc;
}

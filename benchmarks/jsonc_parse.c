/* The baseline of benchmarks/run.sh: read a file into memory and parse it whole with json-c, as a
 * whole-document tool would (strict mode, depth 512, the tokener fed in chunks below 2 GiB), then free.
 * Several files are parsed one after another (the baseline of a run over one file per VPC). */
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>

static int parse(const char *path) {
    FILE *file = fopen(path, "rb");
    if (!file) { perror(path); return 2; }
    fseek(file, 0, SEEK_END);
    long size = ftell(file);
    fseek(file, 0, SEEK_SET);
    char *text = malloc(size > 0 ? size : 1);
    if (!text || fread(text, 1, size, file) != (size_t)size) { perror("read"); return 2; }
    fclose(file);
    struct json_tokener *tokener = json_tokener_new_ex(512);
    json_tokener_set_flags(tokener, JSON_TOKENER_STRICT);
    struct json_object *root = NULL;
    long done = 0;
    const long piece = 1L << 30;
    enum json_tokener_error error = json_tokener_continue;
    while (done < size && error == json_tokener_continue) {
        long length = size - done < piece ? size - done : piece;
        root = json_tokener_parse_ex(tokener, text + done, (int)length);
        error = json_tokener_get_error(tokener);
        done += length;
    }
    if (error != json_tokener_success) {
        fprintf(stderr, "%s: %s\n", path, json_tokener_error_desc(error));
        return 1;
    }
    json_object_put(root);
    json_tokener_free(tokener);
    free(text);
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: jsonc-parse FILE...\n"); return 2; }
    for (int n = 1; n < argc; n++) {
        int status = parse(argv[n]);
        if (status != 0) return status;
    }
    return 0;
}

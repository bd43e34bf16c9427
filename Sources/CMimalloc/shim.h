// mimalloc's options (Debian libmimalloc-dev): TerraformShow sets how soon freed pages go back to the system.
#include <mimalloc.h>

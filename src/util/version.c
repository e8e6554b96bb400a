/* The library's version at run time, from the header CMake generates. */
#include "memsnap/version.h"

const char *ms_version(void)
{
	return MEMSNAP_VERSION_STRING;
}

unsigned ms_version_number(void)
{
	return MEMSNAP_VERSION_NUMBER;
}

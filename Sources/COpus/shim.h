#ifndef CALLSCOPE_COPUS_SHIM_H
#define CALLSCOPE_COPUS_SHIM_H
#include <opus/opus.h>
#endif

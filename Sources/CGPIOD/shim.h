#ifndef STATION_CGPIOD_SHIM_H
#define STATION_CGPIOD_SHIM_H
#include <gpiod.h>
#endif

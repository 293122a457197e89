#ifndef STATION_CMOSQUITTO_SHIM_H
#define STATION_CMOSQUITTO_SHIM_H
#include <mosquitto.h>
#include <mqtt_protocol.h>
#endif

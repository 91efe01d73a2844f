/*===-- wsp-c/Wsp.h - umbrella header for libwsp -----------------*- C -*-===*/
#ifndef WSP_C_WSP_H
#define WSP_C_WSP_H
#include "wsp-c/Context.h"
#include "wsp-c/Diagnostics.h"
#include "wsp-c/Pass.h"
#include "wsp-c/Registration.h"
#endif

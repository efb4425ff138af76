/* SPDX-License-Identifier: GPL-2.0 */
/* Steps of lg_record_to_event(), one file each, and their helpers; internal to record*.c. */
#ifndef LG_RECORD_INT_H
#define LG_RECORD_INT_H

#include "record.h"

/* A string attribute of the record, or NULL (record.c). */
const char *lg_record_str(const struct lg_record *r, int type);
/* Append one formatted evidence line; 0 or -ENOMEM (record.c). */
int lg_record_add_line(struct lg_event *ev, size_t lineno,
		       const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The lines the kernel printed for this record, rebuilt from its fields. */
int lg_record_synth_lines(const struct lg_record *r, struct lg_event *ev);
/* Parse LASTGASP_R_LOG and take from it what the record lacks. */
int lg_record_merge_log(const struct lg_record *r, struct lg_event *ev);
/* The class the record's kind, message and panic reason imply. */
enum lg_class lg_record_base_class(const struct lg_record *r);
/* Class, fatal, title via the classifier, with the record's word first. */
void lg_record_classify(const struct lg_record *r, struct lg_event *ev);
/*
 * True when the log tail's report of class @log_cls says more about where
 * the kernel was than the record's RIP and stack (stall panics taken on the
 * watchdog's stack, WARN and stall records without a stack).
 */
bool lg_record_log_wins(const struct lg_record *r, enum lg_class log_cls);
/* Soft/hard lockup, RCU stall: the guilty frame is the looping function. */
void lg_record_stall_guilty(struct lg_event *ev);
/* The O/E/P-tainted module holding the RIP or the guilty frame. */
void lg_record_find_culprit(struct lg_event *ev);

#endif /* LG_RECORD_INT_H */

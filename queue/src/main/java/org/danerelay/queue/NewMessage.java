package org.danerelay.queue;

import java.time.Instant;

/** The index rows for one message just made durable: its header, size, file and first due time. */
record NewMessage(SpoolHeader header, long size, String spoolFile, Instant due) {}

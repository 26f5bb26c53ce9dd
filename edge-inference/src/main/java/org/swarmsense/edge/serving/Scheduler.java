package org.swarmsense.edge.serving;

import java.util.List;

/**
 * Serves a trace of requests on one accelerator: each request is revealed when the clock reaches
 * its arrival time, and gets exactly one {@link Response}. Implementations run on the calling
 * thread and are not thread-safe.
 */
public interface Scheduler {

  /** A short name for tables, with the settings that matter. */
  String name();

  /** Serves {@code trace} (sorted by arrival) to the end and returns one response per request. */
  List<Response> serve(List<Request> trace);
}

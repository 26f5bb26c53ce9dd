package org.swarmsense.edge.serving;

/** A clock that only moves when a scripted stage runs or a scheduler sleeps. */
final class FakeClock implements Clock {
  private long now;

  @Override
  public long nanos() {
    return now;
  }

  @Override
  public void sleepUntil(long nanos) {
    now = Math.max(now, nanos);
  }

  void advance(long nanos) {
    now += nanos;
  }
}

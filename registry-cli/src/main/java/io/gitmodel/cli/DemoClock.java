package io.gitmodel.cli;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The quickstart's clock: starts in the past and moves one second per reading, and by hours when
 * the demo says so, so the demo's events are spread over days and {@code status --at} has a
 * past to show. Only the demo uses it.
 */
final class DemoClock extends Clock {
    private Instant now;

    DemoClock(Instant start) {
        this.now = start.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }

    void advanceHours(int hours) {
        now = now.plus(Duration.ofHours(hours));
    }

    @Override
    public synchronized Instant instant() {
        now = now.plusSeconds(1);
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}

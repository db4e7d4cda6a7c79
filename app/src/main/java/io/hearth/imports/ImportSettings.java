package io.hearth.imports;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * @param maxRows              the most members one file may hold (the request itself is capped at
 *                             hearth.http.max-body-size, 1 MB: a larger body is 413)
 * @param undoWithin           how long after it was committed an import can be undone
 * @param invitationsPerSweep  the most invitations an organisation's imports send per sweep: the throttle
 * @param keepFor              how long an import and its rows (personal data) are kept
 */
@ConfigurationProperties("hearth.imports")
public record ImportSettings(@Bindable(defaultValue = "10000") int maxRows,
                             @Bindable(defaultValue = "24h") Duration undoWithin,
                             @Bindable(defaultValue = "50") int invitationsPerSweep,
                             @Bindable(defaultValue = "30d") Duration keepFor) {
}

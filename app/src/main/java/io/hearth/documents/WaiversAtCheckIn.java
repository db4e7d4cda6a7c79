package io.hearth.documents;

import io.hearth.ErrorCode;
import io.hearth.gatherings.CheckInCondition;
import io.hearth.kit.Refusal;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.UUID;

/** Check-in refuses a man who has not acknowledged the current version of each of the event's waivers, and says which. */
@Singleton
public class WaiversAtCheckIn implements CheckInCondition {

    private final Documents documents;

    public WaiversAtCheckIn(Documents documents) {
        this.documents = documents;
    }

    @Override
    public void require(UUID eventId, UUID personId) {
        List<String> missing = documents.waiversMissing(eventId, personId);
        if (!missing.isEmpty()) {
            throw new Refusal(Refusal.Kind.CONFLICT, ErrorCode.WAIVER_NOT_ACKNOWLEDGED,
                    "He has not acknowledged the current version of: " + String.join(", ", missing) + ". He can do it in the app, then check in.");
        }
    }
}

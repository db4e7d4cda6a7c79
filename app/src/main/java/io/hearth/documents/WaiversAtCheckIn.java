package io.hearth.documents;

import io.hearth.ErrorCode;
import io.hearth.gatherings.CheckInCondition;
import io.hearth.identity.People;
import io.hearth.kit.Refusal;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Check-in refuses a man who has not acknowledged the current version of each of the event's waivers, and says which. */
@Singleton
public class WaiversAtCheckIn implements CheckInCondition {

    private final Documents documents;
    private final People people;

    public WaiversAtCheckIn(Documents documents, People people) {
        this.documents = documents;
        this.people = people;
    }

    /** Refused with his name, so that the staff at a busy door know whose ticket it was. */
    @Override
    public void require(UUID eventId, UUID personId) {
        List<String> missing = documents.waiversMissing(eventId, personId);
        if (!missing.isEmpty()) {
            String who = Optional.ofNullable(people.contacts(List.of(personId)).get(personId)).map(People.Contact::name)
                    .filter(name -> !name.isBlank()).orElse("He");
            throw new Refusal(Refusal.Kind.CONFLICT, ErrorCode.WAIVER_NOT_ACKNOWLEDGED,
                    who + " has not acknowledged the current version of: " + String.join(", ", missing) + ". He can do it in the app, then check in.");
        }
    }
}

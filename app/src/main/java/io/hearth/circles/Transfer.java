package io.hearth.circles;

import java.util.UUID;

/** A move between circles: it happens only once the facilitators of both circles have approved it. */
public record Transfer(UUID id, UUID person, UUID fromCircle, UUID toCircle, UUID fromApprovedBy, UUID toApprovedBy) {

    /** Which side an approver speaks for: he may speak for both when he facilitates both circles. */
    public Transfer approve(UUID approver, boolean facilitatesFrom, boolean facilitatesTo) {
        return new Transfer(id, person, fromCircle, toCircle,
                facilitatesFrom && fromApprovedBy == null ? approver : fromApprovedBy,
                facilitatesTo && toApprovedBy == null ? approver : toApprovedBy);
    }

    public boolean approvedByBoth() {
        return fromApprovedBy != null && toApprovedBy != null;
    }
}

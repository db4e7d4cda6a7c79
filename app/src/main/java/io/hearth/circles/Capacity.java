package io.hearth.circles;

import io.hearth.ErrorCode;
import io.hearth.kit.Refusal;

/**
 * A circle holds 2 to 10 men. Seats are taken by members and by seats offered to the first man on the waiting
 * list; never more than the capacity. The database CHECK on {@code circles.capacity} says the same.
 */
public final class Capacity {

    public static final int MIN = 2;
    public static final int MAX = 10;

    private Capacity() {
    }

    public static boolean isValid(int capacity) {
        return capacity >= MIN && capacity <= MAX;
    }

    public static void check(int capacity) {
        if (!isValid(capacity)) {
            throw Refusal.invalid("capacity", "must be between " + MIN + " and " + MAX);
        }
    }

    /** Whether one more man fits, with these seats taken (members and open offers). */
    public static boolean hasSeat(int capacity, long taken) {
        return taken < capacity;
    }

    /** Refuses with 409 CIRCLE_FULL when no seat is left. */
    public static void requireSeat(int capacity, long taken) {
        if (!hasSeat(capacity, taken)) {
            throw new Refusal(Refusal.Kind.CONFLICT, ErrorCode.CIRCLE_FULL, "The circle is full (" + capacity + " seats)");
        }
    }

    /** A capacity may be lowered only down to the seats already taken. */
    public static void checkChange(int newCapacity, long taken) {
        check(newCapacity);
        if (newCapacity < taken) {
            throw Refusal.invalid("capacity", "cannot be below the " + taken + " seats taken");
        }
    }
}

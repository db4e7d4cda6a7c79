package io.hearth.web;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** One page of a list: every list endpoint answers this shape. {@code page} counts from 0. */
@Serdeable
public record Paged<T>(List<T> items, int page, int size, long totalItems) {

    /** A page cut from a list that is already complete and sorted (short lists, such as a circle's members). */
    public static <T> Paged<T> of(List<T> all, int page, int size) {
        int from = (int) Math.min((long) page * size, all.size());
        int to = (int) Math.min((long) from + size, all.size());
        return new Paged<>(List.copyOf(all.subList(from, to)), page, size, all.size());
    }
}

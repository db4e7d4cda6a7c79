package io.hearth.infra.planted.tidy.internal;

import io.hearth.infra.planted.tidy.BasketStatus;

public record BasketRow(long id, BasketStatus status) {
}

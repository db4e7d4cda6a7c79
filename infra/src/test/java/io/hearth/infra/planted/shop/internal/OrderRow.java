package io.hearth.infra.planted.shop.internal;

import io.hearth.infra.planted.shop.Orders;

/** A row that imports a use case's nested enum: internal depending on a use case. */
public record OrderRow(long id, Orders.Status status) {
}

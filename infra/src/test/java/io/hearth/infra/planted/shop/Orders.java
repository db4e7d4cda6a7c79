package io.hearth.infra.planted.shop;

import io.hearth.infra.planted.shop.internal.OrderRow;
import jakarta.inject.Singleton;

/** A use case with its enum nested in it, which its row then needs: the loop the rule is there to catch. */
@Singleton
public class Orders {

    public enum Status { OPEN, PAID }

    public Status statusOf(OrderRow row) {
        return row.status();
    }
}

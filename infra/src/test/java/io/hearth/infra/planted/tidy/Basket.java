package io.hearth.infra.planted.tidy;

import io.hearth.infra.planted.tidy.internal.BasketRow;
import jakarta.inject.Singleton;

/** A use case over its repository's rows and its model: the way down. */
@Singleton
public class Basket {

    public BasketStatus statusOf(BasketRow row) {
        return row.status();
    }
}

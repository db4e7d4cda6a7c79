package io.hearth.infra.planted.shop;

import io.hearth.infra.planted.shop.api.ReceiptController;

/** A model type that reaches up into the feature's api: the model depending on a layer above it. */
public record Receipt(long order) {

    public String path() {
        return ReceiptController.pathOf(order);
    }
}

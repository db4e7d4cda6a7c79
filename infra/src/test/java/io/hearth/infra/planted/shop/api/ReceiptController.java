package io.hearth.infra.planted.shop.api;

import io.hearth.infra.planted.shop.Orders;

/** An api class: it may use everything below it. */
public final class ReceiptController {

    public static String pathOf(long order) {
        return "/receipts/" + order;
    }

    private final Orders orders;

    public ReceiptController(Orders orders) {
        this.orders = orders;
    }

    public Orders orders() {
        return orders;
    }
}

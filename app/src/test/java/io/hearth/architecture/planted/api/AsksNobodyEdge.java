package io.hearth.architecture.planted.api;

import io.hearth.architecture.planted.AsksNobody;
import io.hearth.identity.Caller;

/** Planted for WhoAsksTest: an edge given the caller that does not pass him on (a plain class, so no route is made of it). */
public class AsksNobodyEdge {

    private final AsksNobody useCase;

    public AsksNobodyEdge(AsksNobody useCase) {
        this.useCase = useCase;
    }

    public long total(Caller caller) {
        return useCase.total();
    }
}

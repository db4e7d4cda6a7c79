package io.hearth.kit.data;

import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.function.Supplier;

/** The one database of a service that has no other (tenant-admin): work runs where it is. */
@Singleton
@Secondary
public class OneDatabase implements Databases {

    @Override
    public List<String> names() {
        return List.of("main");
    }

    @Override
    public <T> T on(String database, Supplier<T> work) {
        if (!"main".equals(database)) {
            throw new IllegalArgumentException("no database " + database + " here");
        }
        return work.get();
    }
}

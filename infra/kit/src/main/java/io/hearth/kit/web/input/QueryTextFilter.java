package io.hearth.kit.web.input;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.util.List;
import java.util.Map;

/**
 * Query values and the decoded path pass {@link TextRule} before routing: {@code ?q=%00} is a 422 naming {@code q},
 * for every route at once, instead of a failed query.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public final class QueryTextFilter implements Ordered {

    @RequestFilter
    public void requireStorableText(HttpRequest<?> request) {
        TextRule.require("path", request.getPath());
        for (Map.Entry<String, List<String>> parameter : request.getParameters().asMap().entrySet()) {
            TextRule.require(parameter.getKey(), parameter.getKey());
            for (String value : parameter.getValue()) {
                TextRule.require(parameter.getKey(), value);
            }
        }
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 2;
    }
}

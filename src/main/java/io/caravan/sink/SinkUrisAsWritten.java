package io.caravan.sink;

import jakarta.annotation.Priority;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.Expressions;
import io.smallrye.config.Priorities;

/**
 * Reads {@code caravan.sink.<name>.uri} as written. Configuration would otherwise expand {@code ${...}} itself and
 * turn Camel's {@code fileName=bars-${date:now:yyyyMMdd}.ndjson} into {@code bars-now:yyyyMMdd.ndjson}; Camel
 * evaluates those expressions per bar, and resolves {@code {{env:NAME}}} placeholders for secrets.
 */
@Priority(Priorities.LIBRARY + 1000)
public class SinkUrisAsWritten implements ConfigSourceInterceptor {

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        if (name.startsWith("caravan.sink.") && name.endsWith(".uri")) {
            return Expressions.withoutExpansion(() -> context.proceed(name));
        }
        return context.proceed(name);
    }
}

package io.caravan.snapshot;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;

/**
 * The snapshot route's HTTP client ({@code httpClientConfigurer=#snapshotHttpClient}) without Apache HttpClient's own
 * retries: by default it quietly sends a request answered 429 or 503 once more, which would hide the retry from the
 * route's redelivery policy, its backoff and its count.
 */
@ApplicationScoped
@Named("snapshotHttpClient")
public class SnapshotHttpClient implements HttpClientConfigurer {

    @Override
    public void configureHttpClient(HttpClientBuilder builder) {
        builder.disableAutomaticRetries();
    }
}

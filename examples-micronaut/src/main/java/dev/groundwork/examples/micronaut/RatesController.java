package dev.groundwork.examples.micronaut;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.Map;

/** {@code GET /api/rates/{currency}}: the rate, for the subject the filter authenticated. */
@Controller("/api/rates")
@ExecuteOn(TaskExecutors.BLOCKING)
class RatesController {
    private final RatesService rates;

    RatesController(RatesService rates) {
        this.rates = rates;
    }

    @Get("/{currency}")
    HttpResponse<Map<String, Object>> rate(String currency, @RequestAttribute String subject) {
        return rates.rate(currency)
                .<HttpResponse<Map<String, Object>>>map(
                        rate -> HttpResponse.ok(Map.of("currency", currency, "rate", rate, "for", subject)))
                .orElseGet(HttpResponse::notFound);
    }
}

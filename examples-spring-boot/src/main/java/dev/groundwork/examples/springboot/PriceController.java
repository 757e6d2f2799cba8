package dev.groundwork.examples.springboot;

import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/prices/{sku}}: the price, for the subject the filter authenticated. */
@RestController
class PriceController {
    private final PriceService prices;

    PriceController(PriceService prices) {
        this.prices = prices;
    }

    @GetMapping("/api/prices/{sku}")
    ResponseEntity<Map<String, Object>> price(@PathVariable String sku, @RequestAttribute String subject) {
        return prices.price(sku)
                .map(price -> ResponseEntity.ok(Map.<String, Object>of("sku", sku, "price", price, "for", subject)))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }
}

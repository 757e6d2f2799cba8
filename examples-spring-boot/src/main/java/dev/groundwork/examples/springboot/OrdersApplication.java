package dev.groundwork.examples.springboot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A Spring Boot service that authenticates, rate-limits and caches with Groundwork's modules. */
@SpringBootApplication
public class OrdersApplication {
    /**
     * Starts the service.
     *
     * @param args Spring Boot's command line ({@code --orders.issuer=...} and so on)
     */
    public static void main(String[] args) {
        SpringApplication.run(OrdersApplication.class, args);
    }
}

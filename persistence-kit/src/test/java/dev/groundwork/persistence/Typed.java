package dev.groundwork.persistence;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Converter;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One non-null attribute of every kind a sort key can be: each basic type cursors hold, enums stored by name and
 * by ordinal, a converted attribute, and a path into an embeddable. Every seek shape is walked over each.
 */
@Entity
@Table(name = "typed")
public class Typed {
    enum Colour {
        RED,
        GREEN,
        BLUE
    }

    /** Stores booleans as 'Y' / 'N', so the column's type is not the attribute's. */
    @Converter
    public static final class YesNo implements AttributeConverter<Boolean, String> {
        @Override
        public String convertToDatabaseColumn(Boolean value) {
            return value == null ? null : value ? "Y" : "N";
        }

        @Override
        public Boolean convertToEntityAttribute(String column) {
            return column == null ? null : column.equals("Y");
        }
    }

    /** A money amount embedded in the row. */
    @Embeddable
    static class Money {
        @Column(name = "price_total", nullable = false)
        BigDecimal total;

        @Column(name = "price_currency", nullable = false)
        String currency;

        protected Money() {}

        Money(BigDecimal total, String currency) {
            this.total = total;
            this.currency = currency;
        }
    }

    @Id
    Long id;

    @Column(nullable = false)
    String label;

    @Column(nullable = false)
    Integer small;

    @Column(nullable = false)
    Short tiny;

    long counter;

    @Column(nullable = false)
    BigInteger big;

    @Column(nullable = false)
    BigDecimal amount;

    double ratio;

    @Column(nullable = false)
    Float fraction;

    @Column(nullable = false)
    Boolean flag;

    @Column(nullable = false)
    Character initial;

    @Column(nullable = false)
    UUID code;

    @Column(nullable = false)
    Instant instant;

    @Column(nullable = false)
    OffsetDateTime offsetDateTime;

    @Column(nullable = false)
    LocalDateTime localDateTime;

    @Column(nullable = false)
    LocalDate localDate;

    @Column(name = "local_time", nullable = false, precision = 6)
    LocalTime localTime;

    @Column(nullable = false)
    java.sql.Timestamp stamp;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    Colour colourName;

    @Enumerated(EnumType.ORDINAL)
    @Column(nullable = false)
    Colour colourOrdinal;

    @Convert(converter = YesNo.class)
    @Column(nullable = false, length = 1)
    Boolean yesNo;

    @Embedded
    Money price;

    protected Typed() {}

    Typed(long id) {
        this.id = id;
    }
}

package io.trustregistry.core.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The compiled-size estimate that refuses regexes RE2 would expand into huge programs: nested
 * counts multiply, siblings do not, and braces inside classes, after escapes or without a valid
 * count are literals that cost nothing (as RE2 reads them).
 */
class RepetitionBudgetTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "abc|1",
        "a*b+c?|1",
        "a{5}|5",
        "a{2,}|2",
        "a{2,7}|7",
        "(a{1,100}){1,100}|10000",
        "((a{10}){10}){10}|1000",
        "(a{10})(b{20})|20",
        "(a{10})b{3}|10",
        "[]a]{500}|500",
        "[^]x]{7}|7",
        "[{1000}]|1",
        "[a\\]{99}]|1",
        "\\{500}|1",
        "a{x}|1",
        "a{3|1",
        "a{1,2,3}|1",
        "a{99999999999999999999}|1",
    })
    void nestedCountsMultiplyAndLiteralBracesCostNothing(String regex, long product) {
        assertEquals(product, RepetitionBudget.product(regex));
    }
}

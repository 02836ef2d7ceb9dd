package io.pgfleet.testenv.temporal;

import io.temporal.api.enums.v1.IndexedValueType;
import java.util.Map;

/**
 * One custom search attribute as written in {@code temporal-config/search-attributes.txt}.
 *
 * @param name attribute name, e.g. {@code PgClusterId}
 * @param type the CLI's type name (Text, Keyword, Int, Double, Bool, Datetime, KeywordList)
 */
public record SearchAttributeDefinition(String name, String type) {

  private static final Map<String, IndexedValueType> TYPES =
      Map.of(
          "Text", IndexedValueType.INDEXED_VALUE_TYPE_TEXT,
          "Keyword", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
          "Int", IndexedValueType.INDEXED_VALUE_TYPE_INT,
          "Double", IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE,
          "Bool", IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
          "Datetime", IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
          "KeywordList", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST);

  public SearchAttributeDefinition {
    if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new IllegalArgumentException("search attribute name is not an identifier: " + name);
    }
    if (!TYPES.containsKey(type)) {
      throw new IllegalArgumentException(
          "search attribute " + name + " has unknown type " + type + ", expected one of " + TYPES);
    }
  }

  /** The type as the server's API names it. */
  public IndexedValueType indexedValueType() {
    return TYPES.get(type);
  }

  /** The {@code KEY=TYPE} form {@code temporal server start-dev --search-attribute} expects. */
  public String cliArgument() {
    return name + "=" + type;
  }
}

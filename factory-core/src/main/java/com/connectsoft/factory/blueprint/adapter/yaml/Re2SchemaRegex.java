package com.connectsoft.factory.blueprint.adapter.yaml;

import com.google.re2j.Pattern;
import com.networknt.schema.regex.RegularExpression;
import com.networknt.schema.regex.RegularExpressionFactory;

/**
 * The schema's {@code pattern} keywords, evaluated by RE2/J instead of {@code java.util.regex}: the patterns are the
 * factory's, but the strings they check are a tenant's, and RE2 matches in linear time without recursion.
 */
final class Re2SchemaRegex implements RegularExpressionFactory {
    @Override
    public RegularExpression getRegularExpression(String regex) {
        Pattern p = Pattern.compile(regex);
        return value -> p.matcher(value).find();
    }
}

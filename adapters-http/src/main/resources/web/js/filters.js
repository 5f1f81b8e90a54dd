/**
 * Filters as the API's `filters` parameter spells them: `;`-separated `dim==v`, `dim!=v`, `dim=~v`, values
 * URL-encoded and `|` between alternatives. The page's URL uses the same text, so a link can be pasted.
 */

const OPERATORS = ['==', '!=', '=~'];
const OPERATOR_WORDS = { '==': 'is', '!=': 'is not', '=~': 'contains' };

export function parseFilters(text) {
  if (!text) {
    return [];
  }
  return text.split(';').map((condition) => condition.trim()).filter(Boolean).map(parseCondition)
    .filter(Boolean);
}

function parseCondition(condition) {
  const found = OPERATORS.map((operator) => ({ operator, at: condition.indexOf(operator) }))
    .filter(({ at }) => at > 0)
    .sort((a, b) => a.at - b.at)[0];
  if (!found) {
    return null;
  }
  try {
    const values = condition.slice(found.at + found.operator.length).split('|').map(decodeURIComponent);
    return { dimension: condition.slice(0, found.at), operator: found.operator, values };
  } catch (badEncoding) {
    return null;
  }
}

export function formatFilters(filters) {
  return filters.map(({ dimension, operator, values }) =>
    `${dimension}${operator}${values.map(encodeURIComponent).join('|')}`).join(';');
}

/** The filters with `dimension == value` added, replacing an earlier condition on that dimension. */
export function withFilter(filters, dimension, value) {
  return [...filters.filter((filter) => filter.dimension !== dimension), { dimension, operator: '==', values: [value] }];
}

export function describeFilter({ dimension, operator, values }, dimensionLabel) {
  return `${dimensionLabel(dimension)} ${OPERATOR_WORDS[operator] ?? operator} ${values.join(' or ')}`;
}

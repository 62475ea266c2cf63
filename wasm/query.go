package main

import (
	"errors"
	"strconv"
	"strings"
)

// The page's URL query is application/x-www-form-urlencoded. These two
// functions read and write it as net/url's ParseQuery and QueryEscape do,
// errors included, without linking net/url (and net/netip) into the wasm.

// maxQueryParams is how many parameters parseQuery reads, as net/url.
const maxQueryParams = 10000

// parseQuery reads a query (without "?") into each key's values, in order.
// Pairs are separated by "&"; a pair that holds ";" or a bad escape is left
// out and the first such problem returned, with everything else parsed.
func parseQuery(query string) (map[string][]string, error) {
	q := map[string][]string{}
	if strings.Count(query, "&")+1 > maxQueryParams {
		return q, errors.New("number of URL query parameters exceeded limit")
	}
	var err error
	for query != "" {
		var pair string
		pair, query, _ = strings.Cut(query, "&")
		if strings.Contains(pair, ";") {
			err = errors.New("invalid semicolon separator in query")
			continue
		}
		if pair == "" {
			continue
		}
		key, value, _ := strings.Cut(pair, "=")
		key, err1 := queryUnescape(key)
		if err1 == nil {
			value, err1 = queryUnescape(value)
		}
		if err1 != nil {
			if err == nil {
				err = err1
			}
			continue
		}
		q[key] = append(q[key], value)
	}
	return q, err
}

// queryUnescape decodes "%XX" escapes and "+" as a space.
func queryUnescape(s string) (string, error) {
	if !strings.ContainsAny(s, "%+") {
		return s, nil
	}
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '%':
			b, err := strconv.ParseUint(s[i+1:min(i+3, len(s))], 16, 8)
			if err != nil || i+2 >= len(s) {
				bad := s[i:min(i+3, len(s))]
				return "", errors.New("invalid URL escape " + strconv.Quote(bad))
			}
			out = append(out, byte(b))
			i += 2
		case '+':
			out = append(out, ' ')
		default:
			out = append(out, c)
		}
	}
	return string(out), nil
}

// queryEscape escapes s for a query: letters, digits and "-_.~" stay, a
// space becomes "+", and every other byte "%XX".
func queryEscape(s string) string {
	const hex = "0123456789ABCDEF"
	var out []byte
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '-', c == '_', c == '.', c == '~':
			out = append(out, c)
		case c == ' ':
			out = append(out, '+')
		default:
			out = append(out, '%', hex[c>>4], hex[c&15])
		}
	}
	return string(out)
}

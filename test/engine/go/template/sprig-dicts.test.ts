import { renderFixed as render } from './helpers';

describe('sprig dict functions', () => {
  it.each([
    // mergo: dst keeps its non-empty values, nested maps merge, the first dict is modified in place
    ['{{ merge (dict "a" 1 "n" (dict "x" 1)) (dict "a" 2 "b" 3 "n" (dict "y" 2)) }}', 'map[a:1 b:3 n:map[x:1 y:2]]'],
    ['{{ $d := dict "a" "" "b" 0 "c" false }}{{ $_ := merge $d (dict "a" "x" "b" 2 "c" true "z" nil) }}{{ $d }}', 'map[a:x b:2 c:true]'],
    ['{{ merge (dict "a" 1) (dict "a" 2 "b" 2) (dict "b" 3 "c" 3) }} {{ mustMerge (dict) (dict "l" (list 1)) }}', 'map[a:1 b:2 c:3] map[l:[1]]'],
    ['{{ merge nil (dict "a" 1) }} {{ merge (dict "s" "x") (dict "s" (dict "y" 1)) }}', 'map[a:1] map[s:x]'],
    // sprig's documented mergeOverwrite example: even empty values (false) overwrite
    ['{{ mergeOverwrite (dict "default" "default" "overwrite" "me" "key" true) (dict "overwrite" "overwritten" "key" false) }}', 'map[default:default key:false overwrite:overwritten]'],
    ['{{ mustMergeOverwrite (dict "n" (dict "x" 1 "y" 1) "l" (list 1 2)) (dict "n" (dict "y" 2) "l" (list) "z" nil) }}', 'map[l:[] n:map[x:1 y:2] z:<nil>]'],
    ['{{ mergeOverwrite (dict "s" "x") (dict "s" (dict "y" 1)) }} {{ mergeOverwrite (dict "m" (dict "y" 1)) (dict "m" "x") }}', 'map[s:x] map[m:x]'],
    ['{{ pluck "a" (dict "a" 1) (dict "b" 2) (dict "a" 3) }} {{ pluck "z" (dict "a" 1) }}', '[1 3] []'],
    ['{{ $d := dict "a" (list 1 2) }}{{ $c := deepCopy $d }}{{ $_ := set $c "b" 1 }}{{ $d }} {{ $c }} {{ mustDeepCopy 5 }} {{ deepCopy nil }}', 'map[a:[1 2]] map[a:[1 2] b:1] 5 <no value>'],
  ])('%s -> %j', (text, expected) => {
    expect(render(text)).toBe(expected);
  });
});

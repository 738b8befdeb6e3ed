; CSS: rule sets as selectors (class and id names are referenced from markup and scripts).

(rule_set
  (selectors) @name
  (block) @body) @definition.selector

(keyframes_statement
  (keyframes_name) @name) @definition.selector

(class_selector (class_name) @reference.type)

(id_selector (id_name) @reference.type)

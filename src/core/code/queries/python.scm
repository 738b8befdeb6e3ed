; Python: definitions and references.
; Captures: @definition.<kind> (whole node), @name, @body (elided in skeletons),
; @members (a body that stays in skeletons), @container, @reference.<kind>.

(class_definition
  name: (identifier) @name
  body: (block) @members) @definition.class

(function_definition
  name: (identifier) @name
  body: (block) @body) @definition.function

(call
  function: [
    (identifier) @reference.call
    (attribute attribute: (identifier) @reference.call)
  ])

(class_definition
  superclasses: (argument_list [
    (identifier) @reference.type
    (attribute attribute: (identifier) @reference.type)
  ]))

(decorator [
  (identifier) @reference.call
  (attribute attribute: (identifier) @reference.call)
  (call function: (identifier) @reference.call)
])

(type (identifier) @reference.type)

(import_from_statement
  name: [
    (dotted_name (identifier) @reference.import .)
    (aliased_import name: (dotted_name (identifier) @reference.import .))
  ])

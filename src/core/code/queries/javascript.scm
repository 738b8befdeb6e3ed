; JavaScript additions to ecmascript.scm (TypeScript's class heritage differs: see typescript.scm).

(class_heritage (identifier) @reference.type)

(class_heritage (member_expression property: (property_identifier) @reference.type))

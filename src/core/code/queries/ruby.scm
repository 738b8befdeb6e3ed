; Ruby: definitions and references.

(class
  name: [(constant) (scope_resolution)] @name
  body: (body_statement)? @members) @definition.class

(module
  name: [(constant) (scope_resolution)] @name
  body: (body_statement)? @members) @definition.module

(method
  name: (_) @name
  body: (body_statement)? @body) @definition.method

(singleton_method
  name: (_) @name
  body: (body_statement)? @body) @definition.method

(call method: (identifier) @reference.call)

(superclass (constant) @reference.type)

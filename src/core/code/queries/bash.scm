; Bash: function definitions and the commands scripts run.

(function_definition
  name: (word) @name
  body: (_) @body) @definition.function

(command name: (command_name (word) @reference.call))

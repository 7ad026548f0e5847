import { lifecycleMarkdown } from "../../shared/submissions/lifecycle.ts";
import { CliError, type Command, EXIT } from "../io.ts";

/** `statsbidrag lifecycle`: the states and transitions as enforced, in the README's form. */
export const lifecycle: Command = {
  summary: "print the submission and attachment lifecycle (the README's table and diagram)",
  usage: "statsbidrag lifecycle",
  async run(args, io) {
    if (args.length > 0) throw new CliError(`unexpected argument "${args[0]}"`, true);
    io.stdout.write(`${lifecycleMarkdown()}\n`);
    return EXIT.ok;
  },
};

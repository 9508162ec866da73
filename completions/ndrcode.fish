# fish completion for ndrcode(1).  Installed in
# share/fish/vendor_completions.d, which fish searches on its own.

complete -c ndrcode -f
complete -c ndrcode -s h -l help -d 'Show the help and exit'
complete -c ndrcode -s V -l version -d 'Show the version and the registry date'
complete -c ndrcode -s j -l json -d 'Print JSON Lines, one object per line'
complete -c ndrcode -s t -l tsv -d 'Print tab-separated values with a header'
complete -c ndrcode -s s -l summary -d 'Print counts per status, reason and domain'
complete -c ndrcode -s q -l quiet -d 'Print nothing; the exit status tells'
complete -c ndrcode -l color -x -a 'auto always never' -d 'Colour text output by class'
complete -c ndrcode -s f -l file -r -F -d 'Read bounces from a message, mbox or Maildir'
complete -c ndrcode -s l -l list -d 'List the code table, or the codes under a prefix'
complete -c ndrcode -l search -d 'List the entries whose text holds all words'
complete -c ndrcode -l reasons -d 'List the bounce reasons'

/**
 * Jest resolver: ESM-only packages (their package.json `exports` carry only the `import` condition) are
 * resolved with that condition added; jest.config.js has babel-jest transform them into CommonJS.
 */
const esmOnly = /^(@kubernetes-models\/|is-cidr$|cidr-regex$|ip-regex$|ip-bigint$)/;

module.exports = (request, options) => {
  if (esmOnly.test(request)) {
    return options.defaultResolver(request, {
      ...options,
      conditions: [...(options.conditions ?? []), "import"],
    });
  }
  return options.defaultResolver(request, options);
};

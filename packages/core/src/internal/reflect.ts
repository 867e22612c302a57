// Loads the Reflect metadata polyfill that decorators and tsyringe rely on. Kept in one module so
// package.json can list it as the package's only side effect.
import 'reflect-metadata';

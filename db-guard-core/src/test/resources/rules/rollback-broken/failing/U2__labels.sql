-- a typo: the rollback fails
DROP TABLE labelz;
